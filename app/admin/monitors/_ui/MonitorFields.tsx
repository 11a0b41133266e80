import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { DNS_RECORD_TYPES, HTTP_METHODS, MONITOR_TYPES } from '@/lib/monitors/kinds';
import { DOWN_STATUSES, type MonitorRow } from '@/lib/services/monitors/input';
import { CheckboxField, SelectField, TextArea, TextField } from '../../_ui/forms';

// Every field of a monitor, grouped by type in fieldsets so the form works without JavaScript;
// fields of other types are ignored by the services.

export function MonitorFields(props: { locale: Locale; components: { id: string; label: string }[]; monitor?: MonitorRow }) {
  const tr = t(props.locale, 'monitors');
  const common = t(props.locale, 'common');
  const m = props.monitor;
  const s = m?.settings ?? {};
  const str = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return (
    <>
      <div className="two-fields">
        <TextField name="name" label={tr('fields.name')} defaultValue={m?.name} required maxLength={100} />
        {m ? (
          <p className="field">
            <span className="row-meta">{tr('fields.type')}</span>
            <br />
            {tr(`types.${m.type}`)}
          </p>
        ) : (
          <SelectField
            name="type"
            label={tr('fields.type')}
            defaultValue="http"
            options={MONITOR_TYPES.map((v) => ({ value: v, label: tr(`types.${v}`) }))}
          />
        )}
      </div>
      <TextField
        name="target"
        label={tr('fields.target')}
        hint={tr('fields.targetHint')}
        defaultValue={m?.target}
        maxLength={2000}
      />
      <SelectField
        name="componentId"
        label={tr('fields.component')}
        hint={tr('fields.componentHint')}
        defaultValue={m?.componentId ?? ''}
        options={[
          { value: '', label: tr('fields.noComponent') },
          ...props.components.map((c) => ({ value: c.id, label: c.label })),
        ]}
      />
      <div className="two-fields">
        <TextField
          name="intervalSeconds"
          type="number"
          label={tr('fields.interval')}
          hint={tr('fields.intervalHint')}
          defaultValue={str(m?.intervalSeconds ?? 60)}
        />
        <TextField name="timeoutMs" type="number" label={tr('fields.timeout')} defaultValue={str(m?.timeoutMs ?? 10_000)} />
      </div>
      <div className="two-fields">
        <TextField
          name="retries"
          type="number"
          label={tr('fields.retries')}
          hint={tr('fields.retriesHint')}
          defaultValue={str(m?.retries ?? 2)}
        />
        <TextField
          name="regionQuorum"
          type="number"
          label={tr('fields.quorum')}
          hint={tr('fields.quorumHint')}
          defaultValue={str(m?.regionQuorum)}
        />
      </div>
      <SelectField
        name="downStatus"
        label={tr('fields.downStatus')}
        defaultValue={m?.downStatus ?? 'major_outage'}
        options={DOWN_STATUSES.map((v) => ({ value: v, label: common(`componentStatus.${v}`) }))}
      />
      <CheckboxField
        name="publishIncidents"
        label={tr('fields.publishIncidents')}
        hint={tr('fields.publishIncidentsHint')}
        defaultChecked={m?.publishIncidents}
      />
      <CheckboxField
        name="autoResolve"
        label={tr('fields.autoResolve')}
        hint={tr('fields.autoResolveHint')}
        defaultChecked={m?.autoResolve}
      />
      <CheckboxField name="enabled" label={tr('fields.enabled')} defaultChecked={m?.enabled ?? true} />

      <fieldset className="monitor-fieldset">
        <legend>{tr('fields.httpLegend')}</legend>
        <div className="two-fields">
          <SelectField
            name="settings.method"
            label={tr('fields.method')}
            defaultValue={s.method ?? 'GET'}
            options={HTTP_METHODS.map((v) => ({ value: v, label: v }))}
          />
          <TextField
            name="settings.expectedStatus"
            label={tr('fields.expectedStatus')}
            hint={tr('fields.expectedStatusHint')}
            defaultValue={s.expectedStatus ?? ''}
          />
        </div>
        <TextArea
          name="settings.headers"
          label={tr('fields.headers')}
          hint={tr('fields.headersHint')}
          rows={2}
          defaultValue={Object.entries(s.headers ?? {})
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n')}
        />
        <TextArea name="settings.body" label={tr('fields.body')} rows={2} defaultValue={s.body ?? ''} maxLength={10_000} />
        <TextField name="settings.keyword" label={tr('fields.keyword')} defaultValue={s.keyword ?? ''} />
        <div className="two-fields">
          <TextField
            name="settings.jsonPath"
            label={tr('fields.jsonPath')}
            hint={tr('fields.jsonPathHint')}
            defaultValue={s.jsonPath ?? ''}
          />
          <TextField name="settings.jsonExpected" label={tr('fields.jsonExpected')} defaultValue={s.jsonExpected ?? ''} />
        </div>
        <div className="two-fields">
          <TextField
            name="settings.latencyThresholdMs"
            type="number"
            label={tr('fields.latencyThreshold')}
            defaultValue={str(s.latencyThresholdMs)}
          />
          <TextField
            name="settings.tlsExpiryDays"
            type="number"
            label={tr('fields.tlsExpiryDays')}
            hint={tr('fields.tlsExpiryDaysHint')}
            defaultValue={str(s.tlsExpiryDays)}
          />
        </div>
        <CheckboxField
          name="settings.followRedirects"
          label={tr('fields.followRedirects')}
          defaultChecked={s.followRedirects ?? true}
        />
        <CheckboxField name="settings.ignoreTlsErrors" label={tr('fields.ignoreTlsErrors')} defaultChecked={s.ignoreTlsErrors} />
      </fieldset>
      <fieldset className="monitor-fieldset">
        <legend>{tr('fields.tcpLegend')}</legend>
        <TextField name="settings.port" type="number" label={tr('fields.port')} defaultValue={str(s.port)} />
      </fieldset>
      <fieldset className="monitor-fieldset">
        <legend>{tr('fields.dnsLegend')}</legend>
        <div className="two-fields">
          <SelectField
            name="settings.recordType"
            label={tr('fields.recordType')}
            defaultValue={s.recordType ?? 'A'}
            options={DNS_RECORD_TYPES.map((v) => ({ value: v, label: v }))}
          />
          <TextField name="settings.expectedValue" label={tr('fields.expectedValue')} defaultValue={s.expectedValue ?? ''} />
        </div>
        <TextField
          name="settings.resolver"
          label={tr('fields.resolver')}
          hint={tr('fields.resolverHint')}
          defaultValue={s.resolver ?? ''}
        />
      </fieldset>
      <fieldset className="monitor-fieldset">
        <legend>{tr('fields.pushLegend')}</legend>
        <TextField
          name="settings.graceSeconds"
          type="number"
          label={tr('fields.grace')}
          hint={tr('fields.graceHint')}
          defaultValue={str(s.graceSeconds)}
        />
      </fieldset>
    </>
  );
}
