import 'element-plus/dist/index.css';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n, useLocale } from './i18n/locale-store';
import { createAppRouter } from './router';

const app = createApp(App);
app.use(i18n);
app.use(createAppRouter());
// Apply the remembered language (and <html lang>) before the first render.
useLocale();
app.mount('#app');
