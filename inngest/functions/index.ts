import { dailyEmails, emailOutbox, lowStockSweep, reapRuns } from "./sweeps";
import { importNotifiedOrder, pushConnection, pushConnectionNow, syncConnection, syncFanout } from "./sync";

export const functions = [syncFanout, syncConnection, pushConnection, pushConnectionNow, importNotifiedOrder, lowStockSweep, emailOutbox, dailyEmails, reapRuns];
