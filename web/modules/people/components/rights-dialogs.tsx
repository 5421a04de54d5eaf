import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../contracts/people';
import { FormModal } from '../../../lib/form-modal';
import { downloadSubjectExport, useErasePerson } from '../api/rights.api';

/** 导出本人信息: everything held about the person, as xlsx, with a stated purpose (logged). */
export function SubjectExportDialog(props: { person: Person; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('people');
  return (
    <FormModal<{ purpose: string }>
      open={props.open}
      onClose={props.onClose}
      title={t('rights.exportTitle')}
      okText={t('rights.exportOk')}
      onSubmit={(v) => downloadSubjectExport(props.person.id, v.purpose.trim())}
    >
      <p className="gz-muted" style={{ marginTop: 0 }}>
        {t('rights.exportHelp')}
      </p>
      <Form.Item
        name="purpose"
        label={t('rights.purpose')}
        rules={[{ required: true, whitespace: true, message: t('rights.purposeRequired') }]}
      >
        <Input maxLength={200} placeholder={t('rights.purposePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

/** 删除个人信息: de-identifies the record for good; the reason has to be typed out. */
export function EraseDialog(props: { person: Person; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('people');
  const erase = useErasePerson(props.person.id);
  return (
    <FormModal<{ reason: string }>
      open={props.open}
      onClose={props.onClose}
      title={t('rights.eraseTitle')}
      okText={t('rights.eraseOk')}
      onSubmit={(v) => erase.mutateAsync({ reason: v.reason.trim(), version: props.person.version })}
    >
      <Alert type="error" showIcon message={t('rights.eraseWarning')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="reason"
        label={t('rights.reason')}
        rules={[{ required: true, whitespace: true, message: t('rights.reasonRequired') }]}
      >
        <Input.TextArea maxLength={200} rows={3} placeholder={t('rights.reasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
