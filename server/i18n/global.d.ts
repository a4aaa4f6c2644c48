import type { AppLocale } from "./config";
import type messages from "./messages/en.json";

// Typed catalog: a missing key in en.json is a compile error, not a blank label.
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
