import { Button, Card, Flex, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../../app/session';
import { useFeedback } from '../../../lib/feedback';
import { applyServerErrors } from '../../../lib/form-errors';
import { PageHeader } from '../../../lib/page-state';
import { useCreatePerson } from '../api/people.api';
import { peopleError } from '../components/people-error';
import { PersonFields, type PersonValues, toCreateBody } from '../components/person-fields';
import '../components/people.css';

/** Registers a resident; the server's field errors land on the fields. */
export function PersonCreatePage() {
  const { t } = useTranslation('people');
  const { tenantId } = useSession();
  const { message } = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<PersonValues>();
  const create = useCreatePerson();
  return (
    <>
      <PageHeader title={t('create.title')} subtitle={t('create.subtitle')} />
      <Card className="gz-person-form">
        <Form<PersonValues>
          form={form}
          layout="vertical"
          initialValues={{ gender: 'unknown', idType: 'resident_id', tags: [] }}
          scrollToFirstError
          onFinish={(v) =>
            create.mutate(
              { tenantId: tenantId ?? '', ...toCreateBody(v) },
              {
                onSuccess: (p) => {
                  void message.success(t('create.done'));
                  navigate(`/people/${p.id}`, { replace: true });
                },
                onError: (e) => {
                  if (!applyServerErrors(form, e)) void message.error(peopleError(e), 5);
                },
              },
            )
          }
        >
          <PersonFields />
          <Flex gap={8} justify="flex-end" wrap>
            <Button onClick={() => navigate(-1)}>{t('common:actions.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('create.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}
