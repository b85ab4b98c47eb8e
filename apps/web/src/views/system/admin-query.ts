import { DELIVERY_STATUSES, type DeliveryStatus } from '../../api/alerts';
import { choiceField, filterUrl, textField } from '../../utils/list-query';

/** The address's filters of the admin lists (a reload or back/forward shows the same list). */

/** 事项清单: a search over code and name, and the department (/system/catalog?q=…&departmentId=…). */
export interface CatalogFilters {
  q: string;
  departmentId: string;
}
export const catalogBlank = (): CatalogFilters => ({ q: '', departmentId: '' });
export const catalogUrl = filterUrl(catalogBlank, { q: textField, departmentId: textField });

/** Whether an approval item matches the catalog's filters. */
export function catalogMatches(
  item: { code: string; name: string; departmentId: string },
  filters: CatalogFilters,
): boolean {
  const text = filters.q.trim().toLowerCase();
  return (
    (!filters.departmentId || item.departmentId === filters.departmentId) &&
    (!text || [item.code, item.name].some((value) => value.toLowerCase().includes(text)))
  );
}

/** 审计日志: the entity's type and id (/system/audit?entityType=project&entityId=7&page=2). */
export interface AuditFilters {
  entityType: string;
  entityId: string;
}
export const auditBlank = (): AuditFilters => ({ entityType: '', entityId: '' });
export const auditUrl = filterUrl(auditBlank, { entityType: textField, entityId: textField });

/** 投递失败: the deliveries' status, failed unless the address says otherwise (?status=sent&page=2). */
export interface DeliveryFilters {
  status: DeliveryStatus;
}
export const deliveryBlank = (): DeliveryFilters => ({ status: 'failed' });
export const deliveryUrl = filterUrl(deliveryBlank, { status: choiceField(DELIVERY_STATUSES) });
