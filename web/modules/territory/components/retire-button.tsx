import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { useFeedback } from '../../../lib/feedback';

/** "撤销" with a confirmation; sends the record's version so a stale page gets a 409. */
export function RetireButton(props: {
  name: string;
  onRetire: () => Promise<unknown>;
  size?: 'small' | 'middle';
  restore?: boolean;
}) {
  const { t } = useTranslation('territory');
  const { message } = useFeedback();
  const label = props.restore ? t('common:actions.restore') : t('common:actions.retire');
  return (
    <Popconfirm
      title={
        props.restore
          ? t('retire.restoreConfirm', { name: props.name })
          : t('retire.confirm', { name: props.name })
      }
      description={props.restore ? undefined : t('retire.help')}
      okText={label}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ danger: !props.restore }}
      onConfirm={() =>
        props.onRetire().then(
          () => void message.success(props.restore ? t('retire.restored') : t('retire.done')),
          (e) => void message.error(errorMessage(e), 5),
        )
      }
    >
      <Button size={props.size} danger={!props.restore} aria-label={`${label} ${props.name}`}>
        {label}
      </Button>
    </Popconfirm>
  );
}
