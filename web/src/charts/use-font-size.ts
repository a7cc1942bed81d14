import { useEffect, useState } from 'react';

const read = () => (typeof window === 'undefined' ? 16 : parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);

/** The page's root font size in px; the CSS scales it with the viewport so charts grow on a 4K screen too. */
export function useRootFontSize(): number {
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}
