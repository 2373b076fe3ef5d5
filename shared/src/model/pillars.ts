/** The pillars a budget is split across (the "4 Ps", plus monitoring and evaluation). */
export const PILLARS = [
  'prevention',
  'protection',
  'prosecution',
  'partnership',
  'monitoring',
] as const;
export type Pillar = (typeof PILLARS)[number];

export const PILLAR_LABELS: Record<Pillar, string> = {
  prevention: 'Prevention',
  protection: 'Protection',
  prosecution: 'Prosecution',
  partnership: 'Partnership',
  monitoring: 'Monitoring and evaluation',
};
