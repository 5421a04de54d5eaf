import { message } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { createContext, type ReactNode, useContext } from 'react';

const FeedbackContext = createContext<MessageInstance | null>(null);

/**
 * Toast messages that follow the theme. Used instead of antd's <App>, which would also pull
 * Modal and notification into the first screen's bundle.
 */
export function FeedbackProvider(props: { children: ReactNode }) {
  const [api, holder] = message.useMessage();
  return (
    <FeedbackContext.Provider value={api}>
      {holder}
      {props.children}
    </FeedbackContext.Provider>
  );
}

export function useFeedback(): { message: MessageInstance } {
  const m = useContext(FeedbackContext);
  if (!m) throw new Error('useFeedback outside FeedbackProvider');
  return { message: m };
}
