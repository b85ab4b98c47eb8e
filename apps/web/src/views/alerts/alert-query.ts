import {
  ALERT_KINDS,
  ALERT_LEVELS,
  ALERT_STATUS_FILTERS,
  type AlertKind,
  type AlertLevel,
  type AlertStatusFilter,
} from '../../api/alerts';
import { choiceField, filterUrl, textField } from '../../utils/list-query';

/** 预警's filters, all in the address (/alerts?level=3&status=open&departmentId=…&kind=…&q=…). */
export interface AlertInboxFilters {
  departmentId: string;
  status: AlertStatusFilter | '';
  kind: AlertKind | '';
  level: AlertLevel | '';
  q: string;
}

export const alertBlank = (): AlertInboxFilters => ({
  departmentId: '',
  status: '',
  kind: '',
  level: '',
  q: '',
});

/** How the alert inbox's filters live in the address (a cockpit drill-down opens it filtered). */
export const alertUrl = filterUrl(alertBlank, {
  departmentId: (raw) => raw,
  status: choiceField(ALERT_STATUS_FILTERS),
  kind: choiceField(ALERT_KINDS),
  level: choiceField(ALERT_LEVELS),
  q: textField,
});
