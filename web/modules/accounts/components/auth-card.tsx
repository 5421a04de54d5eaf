import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card used by the login, setup and forced password pages. */
export function AuthCard(props: { title: ReactNode; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="gz-auth">
      <Card className="gz-auth-card">
        <div className="gz-auth-title">
          <span className="gz-logo-mark" aria-hidden="true">
            共
          </span>
          <h1>{props.title}</h1>
          {props.subtitle ? <Typography.Text type="secondary">{props.subtitle}</Typography.Text> : null}
        </div>
        {props.children}
      </Card>
    </main>
  );
}
