/** IANA zones as this server knows them, with UTC first (ICU lists it under Etc/ only). */
export function timeZoneChoices(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}
