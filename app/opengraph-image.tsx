import { ImageResponse } from 'next/og';

export const alt = 'Dodo SaaS Starter: sell subscriptions, licences and credits through Dodo Payments';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

/** The link preview for every page that has none of its own. */
export default function OpenGraphImage() {
  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', padding: 80, background: 'linear-gradient(135deg, #eef2ff 0%, #ffffff 60%)', color: '#0f172a' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
          <svg width="96" height="96" viewBox="0 0 32 32">
            <rect width="32" height="32" rx="8" fill="#4f46e5" />
            <path d="M9 22V10h6.5a6 6 0 0 1 0 12H9Z" fill="#fff" />
            <circle cx="22.5" cy="11" r="2.5" fill="#fff" />
          </svg>
          <div style={{ fontSize: 44, fontWeight: 700 }}>Dodo SaaS Starter</div>
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 20 }}>
          <div style={{ fontSize: 68, fontWeight: 700, lineHeight: 1.1 }}>Subscriptions, licences and credits, paid in one click.</div>
          <div style={{ fontSize: 32, color: '#475569' }}>Next.js · Dodo Payments · PostgreSQL</div>
        </div>
      </div>
    ),
    size,
  );
}
