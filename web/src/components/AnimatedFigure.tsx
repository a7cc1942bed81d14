import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { figureAt } from '../screens/count-up.ts';

/** Whether figures count up to their value (the large screens) or just show it (dashboards). */
export const AnimateFiguresContext = createContext(false);

const DURATION_MS = 1200;

/** A formatted figure that, on a large screen, counts from its previous value to the new one. */
export function AnimatedFigure({ text }: { text: string }) {
  const animate = useContext(AnimateFiguresContext);
  const [shown, setShown] = useState(animate ? figureAt(null, text, 0) : text);
  const from = useRef<string | null>(null);
  useEffect(() => {
    if (!animate) return;
    const start = performance.now();
    const origin = from.current;
    let frame = 0;
    const step = (now: number) => {
      const t = (now - start) / DURATION_MS;
      setShown(figureAt(origin, text, t));
      if (t < 1) frame = requestAnimationFrame(step);
      else from.current = text;
    };
    frame = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(frame);
      from.current = text;
    };
  }, [animate, text]);
  return <>{animate ? shown : text}</>;
}
