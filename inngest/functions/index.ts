import { dailyEmails, emailOutbox, lowStockSweep } from "./sweeps";
import { pushConnection, syncConnection, syncFanout } from "./sync";

export const functions = [syncFanout, syncConnection, pushConnection, lowStockSweep, emailOutbox, dailyEmails];
