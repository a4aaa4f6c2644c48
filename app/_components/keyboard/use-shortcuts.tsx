"use client";

import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { eventToStep, isTypingTarget, matchStep, parseKeys, SEQUENCE_TIMEOUT_MS } from "./keys";

export type Shortcut = {
  /** "r", "?", "/", "shift+n", "mod+k", or a sequence such as "g d". */
  keys: string;
  /** Translated text shown in the help dialog. */
  description: string;
  /** Translated heading in the help dialog; page shortcuts without one are listed under "This page". */
  group?: string;
  run: () => void;
  /** Checked on each key press; when false the key falls through to other bindings. */
  when?: () => boolean;
};

/** A shortcut as listed in the help dialog. */
export type ListedShortcut = { keys: string; description: string; group?: string; global: boolean };

type Registration = { order: number; priority: number; get: () => Shortcut[] };

/** Page shortcuts win over the global ones when both bind the same keys. */
const PAGE_PRIORITY = 1;
export const GLOBAL_PRIORITY = 0;

class ShortcutRegistry {
  private registrations = new Map<string, Registration>();
  private listeners = new Set<() => void>();
  private counter = 0;
  private snapshot: ListedShortcut[] = [];

  register(id: string, priority: number, get: () => Shortcut[]) {
    this.registrations.set(id, { order: ++this.counter, priority, get });
    this.changed();
  }

  unregister(id: string) {
    if (this.registrations.delete(id)) this.changed();
  }

  /** Bindings in the order they should be tried: page first, newest registration first. */
  ordered(): { shortcut: Shortcut; priority: number }[] {
    return [...this.registrations.values()]
      .sort((a, b) => b.priority - a.priority || b.order - a.order)
      .flatMap((r) => r.get().map((shortcut) => ({ shortcut, priority: r.priority })));
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private changed() {
    this.snapshot = this.ordered().map(({ shortcut, priority }) => ({
      keys: shortcut.keys,
      description: shortcut.description,
      group: shortcut.group,
      global: priority === GLOBAL_PRIORITY,
    }));
    for (const listener of this.listeners) listener();
  }
}

type ShortcutsContextValue = { registry: ShortcutRegistry; helpOpen: boolean; setHelpOpen: (open: boolean) => void };

const ShortcutsContext = createContext<ShortcutsContextValue | null>(null);

const EMPTY: ListedShortcut[] = [];
const noSubscribe = () => () => {};

/**
 * Registers keyboard shortcuts for as long as the calling component is mounted.
 * Outside a <ShortcutsProvider> it does nothing, so shared components can call it anywhere.
 */
export function useShortcuts(shortcuts: Shortcut[]): void {
  useRegisteredShortcuts(shortcuts, PAGE_PRIORITY);
}

/** @internal The provider's global shortcuts register with a lower priority through this. */
export function useRegisteredShortcuts(shortcuts: Shortcut[], priority: number): void {
  const context = useContext(ShortcutsContext);
  const registry = context?.registry;
  const id = useId();
  const latest = useRef(shortcuts);
  // Callers pass fresh closures each render; the registry reads them through the ref
  // so only a change in what the help dialog shows re-registers.
  useEffect(() => {
    latest.current = shortcuts;
  });
  const signature = shortcuts.map((s) => `${s.keys}\u0000${s.description}\u0000${s.group ?? ""}`).join("\u0001");
  useEffect(() => {
    if (!registry) return;
    registry.register(id, priority, () => latest.current);
    return () => registry.unregister(id);
  }, [registry, id, priority, signature]);
}

/** Everything registered right now, page shortcuts first. */
export function useShortcutList(): ListedShortcut[] {
  const registry = useContext(ShortcutsContext)?.registry;
  return useSyncExternalStore(registry?.subscribe ?? noSubscribe, registry?.getSnapshot ?? (() => EMPTY), () => EMPTY);
}

/** Open state of the help dialog, or null outside a provider. */
export function useShortcutHelp(): { open: boolean; setOpen: (open: boolean) => void } | null {
  const context = useContext(ShortcutsContext);
  return context ? { open: context.helpOpen, setOpen: context.setHelpOpen } : null;
}

function isMacPlatform(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad|iPod/.test(navigator.platform);
}

/** Holds the registered shortcuts and listens for key presses on the whole document. */
export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const [registry] = useState(() => new ShortcutRegistry());
  const [helpOpen, setHelpOpenState] = useState(false);
  const setHelpOpen = useCallback((open: boolean) => setHelpOpenState(open), []);
  const buffer = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const parsed = new Map<string, string[] | null>();
    const isMac = isMacPlatform();
    const parse = (keys: string) => {
      if (!parsed.has(keys)) {
        try {
          parsed.set(keys, parseKeys(keys, isMac));
        } catch (error) {
          console.error(error);
          parsed.set(keys, null);
        }
      }
      return parsed.get(keys) ?? null;
    };
    const reset = () => {
      buffer.current = [];
      clearTimeout(timer.current);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const step = eventToStep(event);
      if (!step) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (step !== "escape" && isTypingTarget(target)) return reset();
      // A modal dialog owns the keyboard (it handles Esc itself); page actions behind it must not fire.
      if (document.querySelector("dialog[open]:modal")) return reset();

      const entries = registry.ordered().flatMap(({ shortcut }) => {
        const steps = parse(shortcut.keys);
        return steps ? [{ shortcut, steps }] : [];
      });
      const result = matchStep(
        buffer.current,
        step,
        entries.map((e) => e.steps),
        (i) => entries[i]!.shortcut.when?.() ?? true,
      );
      clearTimeout(timer.current);
      if (result.kind === "run") {
        reset();
        event.preventDefault();
        entries[result.index]!.shortcut.run();
      } else if (result.kind === "pending") {
        buffer.current = result.buffer;
        event.preventDefault();
        timer.current = setTimeout(reset, SEQUENCE_TIMEOUT_MS);
      } else {
        reset();
      }
    };

    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      reset();
    };
  }, [registry]);

  const value = useMemo(() => ({ registry, helpOpen, setHelpOpen }), [registry, helpOpen, setHelpOpen]);
  return <ShortcutsContext.Provider value={value}>{children}</ShortcutsContext.Provider>;
}
