import { Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './error-message';
import { useFeedback } from './feedback';
import { applyServerErrors } from './form-errors';

/**
 * A dialog around one single-column form. `onSubmit` returns the mutation's promise; server field
 * errors land on the fields, anything else (409 version conflict, 403…) shows as a message.
 */
export function FormModal<V extends object>(props: {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: V, form: FormInstance<V>) => Promise<unknown>;
  initialValues?: Partial<V>;
  okText?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const [form] = Form.useForm<V>();
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      okText={props.okText ?? t('actions.save')}
      cancelText={t('actions.cancel')}
      onOk={() => form.submit()}
      destroyOnHidden
      forceRender={false}
    >
      <Form<V>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={props.initialValues}
        onFinish={async (v) => {
          try {
            await props.onSubmit(v, form);
            void message.success(t('state.saved'));
            props.onClose();
          } catch (e) {
            if (!applyServerErrors(form, e)) void message.error(errorMessage(e), 5);
          }
        }}
      >
        {props.children}
      </Form>
    </Modal>
  );
}
