import { createRouter, createWebHistory } from 'vue-router'
import { isAdmin, restore } from './session'
import Shell from './Shell.vue'
import LoginView from './views/LoginView.vue'

// Pages are loaded on first visit, so the editor (CodeMirror) and the charts
// (Chart.js) are only fetched by the pages that use them.
export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/login', name: 'login', component: LoginView, meta: { title: 'Sign in', public: true } },
    {
      path: '/',
      component: Shell,
      children: [
        { path: '', redirect: { name: 'functions' } },
        {
          path: 'functions/:path(.*)*',
          name: 'functions',
          component: () => import('./views/FunctionsView.vue'),
          meta: { title: 'Functions' },
        },
        {
          path: 'invoke/:route(.*)*',
          name: 'invoke',
          component: () => import('./views/InvokeView.vue'),
          meta: { title: 'Invoke' },
        },
        { path: 'logs', name: 'logs', component: () => import('./views/LogsView.vue'), meta: { title: 'Logs' } },
        {
          path: 'deployments',
          name: 'deployments',
          component: () => import('./views/DeploymentsView.vue'),
          meta: { title: 'Deployments' },
        },
        { path: 'env', name: 'env', component: () => import('./views/EnvView.vue'), meta: { title: 'Environment' } },
        { path: 'kv', name: 'kv', component: () => import('./views/KVView.vue'), meta: { title: 'KV' } },
        { path: 'access', name: 'access', component: () => import('./views/AccessView.vue'), meta: { title: 'Access' } },
        { path: 'metrics', name: 'metrics', component: () => import('./views/MetricsView.vue'), meta: { title: 'Metrics' } },
        {
          path: 'users',
          name: 'users',
          component: () => import('./views/UsersView.vue'),
          meta: { title: 'Users', admin: true },
        },
        { path: ':rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: 'Not found' } },
      ],
    },
  ],
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!(await restore())) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  if (to.meta.admin && !isAdmin.value) return { name: 'functions' }
  return true
})

router.afterEach((to) => {
  const title = (to.meta.title as string | undefined) ?? ''
  document.title = title ? `${title} · Tarsus` : 'Tarsus'
})
