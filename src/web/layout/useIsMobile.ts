import { Grid } from 'antd';

/** Phone-width screens (< 768 px, antd's `md`): grid workers in the field. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return !screens.md;
}
