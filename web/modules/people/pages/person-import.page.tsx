import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Progress, Result, Steps, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Job } from '../../../../contracts/people-io';
import { useSession } from '../../../app/session';
import { errorMessage } from '../../../lib/error-message';
import { ErrorState, PageHeader } from '../../../lib/page-state';
import { usePhone } from '../../../lib/use-phone';
import { isJobDone, jobFileUrl, jobQuery, templateUrl, useStartImport } from '../api/people-io.api';
import '../components/people.css';

interface RowError {
  row: number;
  column: string;
  message: string;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const firstErrors = (job: Job): RowError[] => {
  const list = job.summary?.firstErrors;
  return Array.isArray(list) ? (list as RowError[]) : [];
};

/**
 * Resident import wizard: download the template, choose a file, watch the job, then either the
 * count imported or (nothing imported) the problems and the error report to fix the file with.
 */
export function PersonImportPage() {
  const { t } = useTranslation('people');
  const { tenantId } = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartImport();
  const job = useQuery({ ...jobQuery(jobId ?? ''), enabled: !!jobId });
  const done = isJobDone(job.data);
  const current = jobId ? (done ? 3 : 2) : step;

  const upload = () => {
    if (!file || !tenantId) return;
    start.mutate(
      { tenantId, file },
      {
        onSuccess: ({ jobId: id }) => setJobId(id),
      },
    );
  };
  const again = () => {
    setJobId(null);
    setFile(null);
    start.reset();
    setStep(1);
  };

  const body = () => {
    if (current === 0)
      return (
        <Flex vertical gap={16} align="flex-start">
          <p className="gz-muted">{t('import.templateHelp')}</p>
          <Button icon={<DownloadOutlined />} href={templateUrl(tenantId)} download>
            {t('import.downloadTemplate')}
          </Button>
          <Button type="primary" onClick={() => setStep(1)}>
            {t('import.next')}
          </Button>
        </Flex>
      );
    if (current === 1)
      return (
        <Flex vertical gap={16}>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.chooseFile')}</p>
            <p className="ant-upload-hint">{t('import.fileHint')}</p>
          </Upload.Dragger>
          {start.isError ? <Alert type="error" showIcon message={errorMessage(start.error)} /> : null}
          <Flex gap={8} wrap>
            <Button onClick={() => setStep(0)}>{t('import.back')}</Button>
            <Button type="primary" disabled={!file || !tenantId} loading={start.isPending} onClick={upload}>
              {t('import.start')}
            </Button>
          </Flex>
        </Flex>
      );
    if (current === 2) {
      if (job.isError) return <ErrorState error={job.error} onRetry={() => job.refetch()} />;
      const d = job.data;
      const total = d?.total ?? null;
      const pct = total ? Math.round(((d?.progress ?? 0) / total) * 100) : 0;
      return (
        <Flex vertical gap={12} role="status" aria-live="polite">
          <div>{t('import.running')}</div>
          <Progress percent={pct} status="active" />
          <div className="gz-muted">
            {total === null
              ? t('import.preparing')
              : t('import.progress', { progress: d?.progress ?? 0, total })}
          </div>
        </Flex>
      );
    }
    const d = job.data!;
    if (d.status === 'succeeded')
      return (
        <Result
          status="success"
          title={t('import.succeeded', { count: num(d.summary?.imported) })}
          extra={[
            <Button key="list" type="primary" onClick={() => navigate('/people')}>
              {t('import.toList')}
            </Button>,
            <Button key="more" onClick={again}>
              {t('import.importMore')}
            </Button>,
          ]}
        />
      );
    const errors = firstErrors(d);
    return (
      <Flex vertical gap={16}>
        <Alert
          type="error"
          showIcon
          message={t('import.failed')}
          description={
            d.summary?.errors !== undefined
              ? t('import.failedCounts', { rows: num(d.summary?.rows), errors: num(d.summary?.errors) })
              : String(d.summary?.message ?? '')
          }
        />
        {errors.length && phone ? (
          <ul className="gz-import-errors">
            {errors.map((e) => (
              <li key={`${e.row}-${e.column}-${e.message}`}>
                <strong>{t('import.rowColumn', { row: e.row, column: e.column })}</strong> {e.message}
              </li>
            ))}
          </ul>
        ) : errors.length ? (
          <Table<RowError>
            size="small"
            pagination={false}
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            dataSource={errors}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 70 },
              { title: t('import.column'), dataIndex: 'column', width: 120 },
              { title: t('import.problem'), dataIndex: 'message' },
            ]}
          />
        ) : null}
        <Flex gap={8} wrap>
          {d.hasFile ? (
            <Button icon={<DownloadOutlined />} href={jobFileUrl(d.id)} download>
              {t('import.downloadReport')}
            </Button>
          ) : null}
          <Button type="primary" onClick={again}>
            {t('import.fixAndRetry')}
          </Button>
        </Flex>
      </Flex>
    );
  };

  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <Card>
        <Steps
          current={current}
          size="small"
          responsive={false}
          labelPlacement={phone ? 'vertical' : 'horizontal'}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('import.stepTemplate') },
            { title: t('import.stepFile') },
            { title: t('import.stepProgress') },
            { title: t('import.stepResult') },
          ]}
        />
        {body()}
      </Card>
    </>
  );
}
