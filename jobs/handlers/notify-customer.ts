import { notifyCustomerOf } from "@/server/services/notifications/customer";
import { handleJob } from "../handle";
import { notifyCustomer } from "../definitions/notify-customer";

export const notifyCustomerHandler = handleJob(notifyCustomer, (db, payload) => notifyCustomerOf(db, payload));
