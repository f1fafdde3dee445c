import { dailyEmails, emailOutbox, lowStockSweep, reapRuns } from "./sweeps";
import { pushConnection, syncConnection, syncFanout } from "./sync";

export const functions = [syncFanout, syncConnection, pushConnection, lowStockSweep, emailOutbox, dailyEmails, reapRuns];
