import type { PageLoad } from './$types';

// The form reads and writes this device's saved details (localStorage).
export const ssr = false;

export const load: PageLoad = ({ params, url }) => ({
  code: params.code ?? '',
  notice: url.searchParams.get('notice'),
});
