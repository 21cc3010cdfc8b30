/**
 * The county's departments by 收支总计, as horizontal bars (server-rendered SVG like the disclosure's charts: no
 * script, no style attribute), with the figures as text so the chart reads without the picture. Widths are integer
 * fractions of the largest total, computed from the exact 分.
 */
import { formatWan } from '@/lib/money';

interface Bar {
  label: string;
  fen: number;
}

const ROW = 22;
const LABEL_W = 220;
const BAR_W = 420;
const VALUE_W = 110;

export function DeskChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  if (!bars.length) return null;
  const max = Math.max(...bars.map((b) => b.fen), 1);
  const height = bars.length * ROW + 8;
  const width = LABEL_W + BAR_W + VALUE_W;
  const summary = bars.map((b) => `${b.label}${formatWan(b.fen)}万元`).join('；');
  return (
    <figure className="mt-4 overflow-x-auto rounded-lg border border-stone-200 bg-white p-3" data-testid="desk-chart">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`${title}：${summary}`}>
        {bars.map((b, i) => {
          const y = 4 + i * ROW;
          const w = Math.round((BAR_W * Math.max(b.fen, 0)) / max);
          return (
            <g key={`${b.label}-${i}`} fontSize="12" fill="#292524">
              <text x={LABEL_W - 6} y={y + 14} textAnchor="end">
                {b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label}
              </text>
              <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 8} fill="#1d4ed8" />
              <text x={LABEL_W + w + 6} y={y + 14}>
                {formatWan(b.fen)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
