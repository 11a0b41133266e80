'use client';
import { useSyncExternalStore } from 'react';
import { THEME_STORAGE_KEY } from './theme-script';

type Theme = 'system' | 'light' | 'dark';
const NEXT: Record<Theme, Theme> = { system: 'dark', dark: 'light', light: 'system' };
const listeners = new Set<() => void>();

function read(): Theme {
  const value = document.documentElement.dataset.theme;
  return value === 'dark' || value === 'light' ? value : 'system';
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Cycles automatic → dark → light; the choice is kept in this browser (localStorage). */
export function ThemeToggle({ labels }: { labels: { legend: string } & Record<Theme, string> }) {
  const theme = useSyncExternalStore(subscribe, read, () => 'system' as Theme);
  const choose = () => {
    const next = NEXT[theme];
    try {
      if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage may be blocked (private mode, framed page): the choice then lasts for this view.
    }
    if (next === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
    listeners.forEach((listener) => listener());
  };
  return (
    <button type="button" className="theme-toggle" onClick={choose} data-theme-choice={theme}>
      <span className="visually-hidden">{labels.legend}: </span>
      {labels[theme]}
    </button>
  );
}
