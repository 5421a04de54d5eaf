import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FeedbackProvider } from '../lib/feedback';
import { queryClient } from '../lib/query-client';

// antd's locale does not switch dayjs: set it explicitly, and follow the language.
dayjs.locale('zh-cn');

// Honour the system's "reduce motion" setting (antd animates menus, dialogs and messages).
const reduceMotion =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/** Query cache, Ant Design theme and locale (following the i18next language). */
export function Providers(props: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={en ? enUS : zhCN}
        button={{ autoInsertSpace: false }}
        theme={{
          algorithm: theme.defaultAlgorithm,
          token: {
            colorPrimary: '#b4232a',
            colorLink: '#a31f25',
            // antd derives a lighter hover (#bd6260, 4.1:1); on a phone the tapped link keeps it.
            colorLinkHover: '#7f161b',
            colorLinkActive: '#7f161b',
            borderRadius: 6,
            motion: !reduceMotion,
            // Darker greys and red than antd's defaults, for WCAG AA contrast (4.5:1) on white.
            colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
            colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
            colorTextDescription: 'rgba(0, 0, 0, 0.6)',
            colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
            colorError: '#c4161c',
            fontFamily:
              '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif',
          },
        }}
      >
        <FeedbackProvider>{props.children}</FeedbackProvider>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
