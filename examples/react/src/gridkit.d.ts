// The gk-* tags in React's JSX, generated from the package's custom-elements manifest.
import '@gridkit/components/types/react';
