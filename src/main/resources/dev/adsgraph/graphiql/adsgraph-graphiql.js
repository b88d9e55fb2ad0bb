// Starts GraphiQL with the settings the gateway put in the page (GraphiQlPage): the endpoint,
// the headers (with the demo key in sandbox mode only) and one tab per example of examples/.
(function () {
  'use strict';

  var root = document.getElementById('graphiql');

  function fail(message) {
    root.textContent = '';
    var text = document.createElement('p');
    text.className = 'adsgraph-failure';
    text.textContent = 'GraphiQL could not start: ' + message;
    root.appendChild(text);
  }

  // GraphiQL's own storage keeps every key under "graphiql:"; this one adds a namespace per mode
  // and set of examples, so a sandbox session never leaves its demo key to a live gateway on the
  // same address, and new examples are not hidden by tabs stored for old ones.
  function namespacedStorage(namespace) {
    var prefix = namespace + ':';
    var local = window.localStorage;
    function ownKeys() {
      var keys = [];
      for (var i = 0; i < local.length; i++) {
        var key = local.key(i);
        if (key !== null && key.indexOf(prefix) === 0) {
          keys.push(key);
        }
      }
      return keys;
    }
    return {
      getItem: function (key) { return local.getItem(prefix + key); },
      setItem: function (key, value) { local.setItem(prefix + key, value); },
      removeItem: function (key) { local.removeItem(prefix + key); },
      clear: function () { ownKeys().forEach(function (key) { local.removeItem(key); }); },
      get length() { return ownKeys().length; }
    };
  }

  // Subscriptions need an absolute ws:// or wss:// URL; the gateway sends a path.
  function webSocketUrl(path) {
    var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    return scheme + window.location.host + path;
  }

  try {
    if (typeof window.React === 'undefined' || typeof window.ReactDOM === 'undefined'
        || typeof window.GraphiQL === 'undefined') {
      fail('React or GraphiQL did not load.');
      return;
    }
    var config = JSON.parse(document.getElementById('adsgraph-graphiql-config').textContent);
    var fetcherOptions = { url: config.endpoint };
    if (config.subscriptionEndpoint) {
      fetcherOptions.subscriptionUrl = webSocketUrl(config.subscriptionEndpoint);
    }
    var props = {
      fetcher: GraphiQL.createFetcher(fetcherOptions),
      defaultHeaders: config.defaultHeaders,
      shouldPersistHeaders: config.persistHeaders,
      defaultEditorToolsVisibility: 'headers',
      storage: namespacedStorage(config.storageNamespace)
    };
    if (config.tabs.length > 0) {
      props.defaultTabs = config.tabs;
    }
    ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
  } catch (error) {
    fail(error && error.message ? error.message : String(error));
  }
})();
