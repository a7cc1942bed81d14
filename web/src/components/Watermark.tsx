import { useEffect, useState } from 'react';
import { useMe } from '../data/me.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The current time in China Standard Time as yyyy-mm-dd hh:mm, whatever the browser's zone. */
export function watermarkTime(now: Date): string {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  return `${cst.getUTCFullYear()}-${pad(cst.getUTCMonth() + 1)}-${pad(cst.getUTCDate())} ${pad(cst.getUTCHours())}:${pad(cst.getUTCMinutes())}`;
}

/**
 * A faint watermark of who is looking and when, over the whole page: plain elements under CSS (rotated, nearly
 * transparent, `pointer-events: none`), so it never takes a click and shows in screenshots and photos of the screen.
 */
export function Watermark() {
  const me = useMe();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(t);
  }, []);
  if (!me) return null;
  const text = `${me.user.displayName || me.user.username} ${watermarkTime(now)}`;
  return (
    <div className="watermark" aria-hidden="true" data-testid="watermark">
      {Array.from({ length: 48 }, (_, i) => (
        <span key={i}>{text}</span>
      ))}
    </div>
  );
}
