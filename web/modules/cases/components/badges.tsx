import { Tag } from 'antd';
import { CASE_STAGE_LABELS, type CaseStage, RISK_LABELS } from '../../../../contracts/cases';
import { useLabel } from '../labels';

const ENDED: readonly CaseStage[] = ['closed', 'not_opened', 'referred_out'];

export function StageTag(props: { stage: CaseStage }) {
  const label = useLabel();
  return (
    <Tag color={ENDED.includes(props.stage) ? undefined : 'blue'} data-stage={props.stage}>
      {label(CASE_STAGE_LABELS[props.stage])}
    </Tag>
  );
}

const RISK_COLOR = { low: undefined, medium: 'blue', high: 'volcano', critical: 'red' } as const;

export function RiskTag(props: { risk: keyof typeof RISK_LABELS | null; prefix?: string }) {
  const label = useLabel();
  if (!props.risk) return null;
  return (
    <Tag color={RISK_COLOR[props.risk]} data-risk={props.risk}>
      {props.prefix}
      {label(RISK_LABELS[props.risk])}
    </Tag>
  );
}
