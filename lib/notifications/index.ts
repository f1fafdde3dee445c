export { NotificationRejected, pruneDeliveries } from "./deliveries";
export { importNotifiedOrder, receiveNotice, type Notice, type NotificationOutcome } from "./receive";
