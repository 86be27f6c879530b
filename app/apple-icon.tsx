import { ImageResponse } from 'next/og';

export const size = { width: 180, height: 180 };
export const contentType = 'image/png';

/** The home-screen icon: the favicon's mark on a full square (iOS rounds the corners itself). */
export default function AppleIcon() {
  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#4f46e5' }}>
        <svg width="120" height="120" viewBox="0 0 32 32">
          <path d="M9 22V10h6.5a6 6 0 0 1 0 12H9Z" fill="#fff" />
          <circle cx="22.5" cy="11" r="2.5" fill="#fff" />
        </svg>
      </div>
    ),
    size,
  );
}
