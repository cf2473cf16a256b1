/** /print/cases/:id/:kind — one paper of a case (visit, check, approval, notice) in the print frame. */
import { Result } from 'antd';
import { DOCUMENT_KINDS, useCaseDocument, type DocumentKind } from '../../api/documents';
import { useT } from '../../i18n';
import { ApprovalForm } from './ApprovalForm';
import { CheckReport } from './CheckReport';
import { DecisionNotice } from './DecisionNotice';
import { PrintFrame } from './print-frame';
import { VisitSurvey } from './VisitSurvey';

export function CaseDocumentPage({ id, kind }: { id: string; kind: string }) {
  const t = useT();
  const back = { to: `/cases/${encodeURIComponent(id)}`, label: t('visit.back') };
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
    return (
      <PrintFrame back={back}>
        <Result status="404" title={t('print.unknownKind', { kind })} />
      </PrintFrame>
    );
  }
  return <Loaded id={id} kind={kind as DocumentKind} back={back} />;
}

function Loaded({ id, kind, back }: { id: string; kind: DocumentKind; back: { to: string; label: string } }) {
  const { data, error, loading } = useCaseDocument(id, kind);
  const doc = data && data.case_id === id && data.kind === kind ? data : null;
  return (
    <PrintFrame back={back} loading={loading && !doc} error={error}>
      {doc?.kind === 'visit' && <VisitSurvey doc={doc} />}
      {doc?.kind === 'check' && <CheckReport doc={doc} />}
      {doc?.kind === 'approval' && <ApprovalForm doc={doc} />}
      {doc?.kind === 'notice' && <DecisionNotice doc={doc} />}
    </PrintFrame>
  );
}
