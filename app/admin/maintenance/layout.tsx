import type { ReactNode } from 'react';
import './maintenance-admin.css';

/** Only adds this section's styles; each page checks the session itself. */
export default function MaintenanceAdminLayout({ children }: { children: ReactNode }) {
  return children;
}
