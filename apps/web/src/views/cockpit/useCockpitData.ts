import type {
  ApprovalLightsResponse,
  BreakdownResponse,
  CockpitFilters,
  DashboardSummary,
  FunnelResponse,
  TrendResponse,
} from '@luodi/contracts';
import { ref, shallowRef, type Ref } from 'vue';
import { cockpitApi } from '../../api/cockpit';
import { errorMessage } from '../../utils/errors';

/**
 * The cockpit's figures for the current filters. Each endpoint loads on its own (one failing leaves
 * the others on the page); an answer to older filters than the latest load is dropped. While a load
 * runs the previous figures stay on the page.
 */
export function useCockpitData(filters: Ref<CockpitFilters>) {
  const summary = shallowRef<DashboardSummary | null>(null);
  const funnel = shallowRef<FunnelResponse | null>(null);
  const bySource = shallowRef<BreakdownResponse | null>(null);
  const byIndustry = shallowRef<BreakdownResponse | null>(null);
  const trend = shallowRef<TrendResponse | null>(null);
  const lights = shallowRef<ApprovalLightsResponse | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let seq = 0;

  async function load(): Promise<void> {
    const current = { ...filters.value };
    const mine = ++seq;
    loading.value = true;
    const settle = <T>(promise: Promise<T>, target: Ref<T | null>) =>
      promise.then((value) => {
        if (mine === seq) target.value = value;
      });
    const results = await Promise.allSettled([
      settle(cockpitApi.summary(current), summary),
      settle(cockpitApi.funnel(current), funnel),
      settle(cockpitApi.breakdown('source', current), bySource),
      settle(cockpitApi.breakdown('industry', current), byIndustry),
      settle(cockpitApi.trend(current), trend),
      settle(cockpitApi.approvalLights(current), lights),
    ]);
    if (mine !== seq) return;
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    error.value = failed ? errorMessage(failed.reason) : null;
    loading.value = false;
  }

  return { summary, funnel, bySource, byIndustry, trend, lights, loading, error, load };
}
