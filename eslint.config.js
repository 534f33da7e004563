// Lint rules that guard the security properties the product claims (hostile page and registry bytes).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Build DOM nodes; never parse strings as HTML.' },
        { property: 'outerHTML', message: 'Build DOM nodes; never parse strings as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Build DOM nodes; never parse strings as HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No HTML from data.' },
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'No HTML from data.' },
      ],
    },
  },
);
