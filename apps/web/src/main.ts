import 'element-plus/dist/index.css';
import './styles/page.css';
import './styles/responsive.css';
import { createApp } from 'vue';
import App from './App.vue';
import { useAuth } from './auth/auth-store';
import { connectAuth } from './auth/setup';
import { i18n, useLocale } from './i18n/locale-store';
import { bindEventStream, useEventStream } from './live/event-stream';
import { createAppRouter } from './router';

const auth = useAuth();
// Restore the session (silent refresh with the cookie) while the app loads.
void auth.ready();
const router = createAppRouter(auth);
connectAuth(auth, router);
// One live alert stream per signed-in session (reopened with each new access token).
bindEventStream(useEventStream(), auth);

const app = createApp(App);
app.use(i18n);
app.use(router);
// Apply the remembered language (and <html lang>) before the first render.
useLocale();
app.mount('#app');
