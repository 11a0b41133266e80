'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The console menu; marks the current section for screen readers and sighted users alike. */
export function AdminNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const current = (href: string) =>
    href === '/admin' ? pathname === '/admin' : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={label} className="admin-nav">
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={current(link.href) ? 'page' : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
