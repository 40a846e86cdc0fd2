import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { config } from 'zod';
import App from './App.vue';
import './assets/main.css';

// The app's CSP forbids eval: tell zod up front instead of letting it probe (a CSP violation each load).
config({ jitless: true });

createApp(App).use(createPinia()).mount('#app');
