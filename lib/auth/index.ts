export { auth, handlers, oauthProviders, requestIp, signIn, signOut } from "./config";
export { SignInRefused } from "./errors";
export { currentUser, requireUser, sessionUserId } from "./session";
