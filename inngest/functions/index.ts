import { dailyEmails, emailOutbox, lowStockSweep, reapRuns } from "./sweeps";
import { pushConnection, pushConnectionNow, syncConnection, syncFanout } from "./sync";

export const functions = [syncFanout, syncConnection, pushConnection, pushConnectionNow, lowStockSweep, emailOutbox, dailyEmails, reapRuns];
