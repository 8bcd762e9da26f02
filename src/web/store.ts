// The page's settings store: one LabSettings object, mirrored in the query string on every change
// (history.replaceState, so reload and shared links restore the exact view).
import { type LabSettings, normalizeSettings, parseSettings, settingsQuery } from "./settings.js";

export type Listener = (s: LabSettings, changed: Set<keyof LabSettings>) => void;

export class Store {
  private s: LabSettings;
  private listeners: Listener[] = [];
  constructor(query: string) {
    this.s = parseSettings(query);
    this.writeUrl();
  }
  get(): LabSettings {
    return this.s;
  }
  set(patch: Partial<LabSettings>): void {
    const next = normalizeSettings({ ...this.s, ...patch });
    const changed = new Set<keyof LabSettings>();
    for (const k of Object.keys(next) as (keyof LabSettings)[]) {
      if (JSON.stringify(next[k]) !== JSON.stringify(this.s[k])) changed.add(k);
    }
    if (changed.size === 0) return;
    this.s = next;
    this.writeUrl();
    for (const f of this.listeners) f(next, changed);
  }
  subscribe(f: Listener): void {
    this.listeners.push(f);
  }
  url(): string {
    return `${location.origin}${location.pathname}?${settingsQuery(this.s)}`;
  }
  private writeUrl(): void {
    history.replaceState(null, "", `?${settingsQuery(this.s)}`);
  }
}
