import { Grid } from 'antd';

/** True below the `md` breakpoint (phones), where tables become lists and the menu a drawer. */
export const usePhone = (): boolean => {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
};
