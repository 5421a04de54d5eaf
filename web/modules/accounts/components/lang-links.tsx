import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../../lib/i18n';

/** Language choice on pages shown before sign-in. */
export function LangLinks() {
  const { i18n } = useTranslation();
  return (
    <Flex justify="center" gap={4} style={{ marginTop: 12 }}>
      <Button
        type="link"
        size="small"
        lang="zh-CN"
        disabled={i18n.language !== 'en'}
        onClick={() => setLanguage('zh-CN')}
      >
        简体中文
      </Button>
      <Button
        type="link"
        size="small"
        lang="en"
        disabled={i18n.language === 'en'}
        onClick={() => setLanguage('en')}
      >
        English
      </Button>
    </Flex>
  );
}
