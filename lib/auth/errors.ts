import { CredentialsSignin } from "next-auth";
import type { SignInFailure } from "./authenticate";

/** Carries our reason through Auth.js to the sign-in form, which shows its message. */
export class SignInRefused extends CredentialsSignin {
  constructor(readonly failure: SignInFailure) {
    super(failure.message);
    this.code = failure.code;
  }
}
