import type { ReactNode } from 'react';
import './sla.css';

/** Only adds this section's styles; each page checks the session itself. */
export default function SlaAdminLayout({ children }: { children: ReactNode }) {
  return children;
}
