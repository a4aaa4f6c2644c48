export type ThemeChoice = "system" | "light" | "dark";

export const THEME_STORAGE_KEY = "theme";
export const THEME_CHANGE_EVENT = "helpdesk:themechange";

/**
 * Runs before first paint (in <head>) so a stored light/dark choice applies
 * without a flash; "system" leaves data-theme unset and CSS follows the OS.
 */
export const themeScript = `(function(){try{var t=localStorage.getItem(${JSON.stringify(
  THEME_STORAGE_KEY,
)});var d=document.documentElement;if(t==="light"||t==="dark"){d.setAttribute("data-theme",t)}else{d.removeAttribute("data-theme")}}catch(e){}})();`;

/** Put inside <head> of the root layout (with suppressHydrationWarning on <html>). */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />;
}
