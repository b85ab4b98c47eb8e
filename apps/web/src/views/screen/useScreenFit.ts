import { onBeforeUnmount, onMounted, shallowRef } from 'vue';
import { fitScreen, type ScreenFit } from './screen-layout';

/** The canvas's fit to the window, kept up to date as the window is resized (or goes full screen). */
export function useScreenFit() {
  const fit = shallowRef<ScreenFit>(fitScreen(window.innerWidth, window.innerHeight));
  const update = () => {
    fit.value = fitScreen(window.innerWidth, window.innerHeight);
  };
  onMounted(() => {
    update();
    window.addEventListener('resize', update);
  });
  onBeforeUnmount(() => window.removeEventListener('resize', update));
  return fit;
}
