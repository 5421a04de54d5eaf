import { Drawer } from 'antd';
import type { ReactNode } from 'react';

/** The phone menu drawer; its own chunk, since desktops never open it. */
export default function MobileDrawer(props: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
}) {
  return (
    <Drawer
      placement="left"
      open={props.open}
      onClose={props.onClose}
      title={props.title}
      size={260}
      styles={{ body: { padding: 0 } }}
    >
      {props.children}
    </Drawer>
  );
}
