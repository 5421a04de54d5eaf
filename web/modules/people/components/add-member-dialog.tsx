import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../lib/form-modal';
import { useAddHouseholdMember } from '../api/people.api';
import { PersonPicker } from './person-fields';

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;

/** Adds a resident to a household (moving them out of their old one) with their relation to the head. */
export function AddMemberDialog(props: {
  householdId: string;
  open: boolean;
  onClose: () => void;
  hasHead: boolean;
}) {
  const { t } = useTranslation('people');
  const add = useAddHouseholdMember();
  return (
    <FormModal<{ personId: string; relation: (typeof RELATIONS)[number] }>
      open={props.open}
      onClose={props.onClose}
      title={t('household.addTitle')}
      initialValues={{ relation: props.hasHead ? 'spouse' : 'head' }}
      onSubmit={(v) =>
        add.mutateAsync({ householdId: props.householdId, personId: v.personId, relation: v.relation })
      }
    >
      <Form.Item
        name="personId"
        label={t('household.person')}
        extra={t('household.moveHelp')}
        rules={[{ required: true, message: t('household.personRule') }]}
      >
        <PersonPicker />
      </Form.Item>
      <Form.Item name="relation" label={t('household.relation')} rules={[{ required: true }]}>
        <Select options={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
