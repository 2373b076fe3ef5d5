/**
 * The axis of a chart of shares (percent of an envelope): where it ends and where its ticks go.
 * It leaves room for every bar and bound, and reaches `reach` (the whole envelope, on a chart of
 * totals) so that a line drawn there stands where it belongs. Ticks never pass the end: a tick
 * beyond it would be drawn at the end, on top of the one before.
 */
export function shareAxis(values: number[], reach = 0): { end: number; ticks: number[] } {
  const top = Math.max(50, reach, ...values);
  const end = top <= 100 ? Math.ceil(top / 10) * 10 : Math.ceil(top / 50) * 50;
  const step = end <= 50 ? 10 : end <= 100 ? 20 : 50;
  const ticks: number[] = [];
  for (let t = 0; t <= end; t += step) ticks.push(t);
  return { end, ticks };
}
