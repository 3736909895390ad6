// Comitia : script commun des formulaires de Tasklist (bpmn/forms/*.html), chargé par scripts/config.js
// (customScripts) avant le démarrage de Tasklist. Il définit window.ComitiaForm.
//
// COMPATIBILITÉ : les formulaires sont versionnés avec les déploiements, ce script ne l'est pas. Une tâche
// ouverte sur une ancienne version d'un formulaire appelle ce script tel qu'il est aujourd'hui. On ajoute
// donc des fonctions ou des options facultatives ; on ne retire ni ne renomme rien, on ne change pas le sens
// d'un argument ni d'une valeur rendue. ComitiaForm.version (3 aujourd'hui : 2 la classification, 3 les annexes en PDF) augmente à chaque ajout.
//
// Ce qu'il contient : l'envoi des seules variables du contrat (only), l'affichage des refus du serveur
// (refusals, refuse), l'adresse de base de l'API (base), les questions aux règles du serveur pendant la
// saisie (watch, vers /api/forms/…), et l'éditeur de projet commun à « Corriger le projet » et au
// démarrage « Délibération » (draftEditor). Aucune règle de droit n'est écrite ici : le serveur juge.

const VERSION = 3;

/** Where Comitia's API is, seen from Tasklist: the path before /camunda/ (a context path, or ''). */
function base() {
  return window.location.pathname.split('/camunda/')[0];
}

/**
 * Submits exactly these variables and no other: every variable the form fetched is dropped first.
 * values: { name: [type, value] }; a null or undefined value is not submitted (the server reads a
 * missing variable as null).
 */
function only(camForm, values) {
  const vm = camForm.variableManager;
  Object.keys(vm.variables).forEach(function (name) { vm.destroyVariable(name); });
  Object.keys(values || {}).forEach(function (name) {
    const typed = values[name];
    if (typed[1] !== null && typed[1] !== undefined) {
      vm.createVariable({ name: name, type: typed[0], value: typed[1] });
    }
  });
}

/** Shows a refusal of the server (HTTP 400 of the completion) in $scope.refusal; the task stays open. */
function refusals(camForm, $scope) {
  camForm.on('submit-failed', function (form, args) {
    const error = args && args[0];
    if (error && error.message !== 'camForm submission prevented') {
      $scope.refusal = error.message;
    }
  });
}

/** Stops a submission with a French message (in $scope.refusal); returns false, for « return refuse(…) ». */
function refuse(form, $scope, message) {
  $scope.refusal = message;
  form.submitPrevented = true;
  return false;
}

function query(params) {
  return Object.keys(params)
    .filter(function (k) { return params[k] !== null && params[k] !== undefined && params[k] !== ''; })
    .map(function (k) {
      const v = params[k];
      return encodeURIComponent(k) + '=' + encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : String(v));
    })
    .join('&');
}

/**
 * Asks a read endpoint of Comitia (GET base() + path) each time params() changes, after a pause in the
 * typing (options.delay, 300 ms), and hands its answer to onAnswer(answer, error) inside the digest.
 * params() returns an object of query parameters (objects are sent as JSON), or null to ask nothing yet.
 * Returns { fresh(): the answer to the current params() or null when it is not in yet, refresh() }.
 */
function watch($scope, path, params, onAnswer, options) {
  const delay = (options && options.delay) || 300;
  let timer = null;
  let sequence = 0;
  let answered = { key: null, answer: null };
  let asked = null;

  function ask(current) {
    const key = JSON.stringify(current);
    asked = key;
    clearTimeout(timer);
    timer = setTimeout(function () {
      const mine = ++sequence;
      function settle(answer, error) {
        if (mine !== sequence) { return; }
        $scope.$applyAsync(function () {
          answered = { key: key, answer: answer };
          onAnswer(answer, error);
        });
      }
      // X-Requested-With: a 401 (session ended) then comes without a Basic challenge, so no browser login prompt.
      fetch(base() + path + '?' + query(current), { credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            if (response.ok) {
              settle(body, null);
            } else {
              settle(null, (body && body.message) || 'Vérification impossible (HTTP ' + response.status + ').');
            }
          });
        })
        .catch(function () { settle(null, 'Vérification impossible : Comitia ne répond pas.'); });
    }, delay);
  }

  let closed = false;
  $scope.$watch(params, function (current) {
    if (current && !closed) { ask(current); }
  }, true);
  // The form closed (task completed, another task opened, logout): nothing more is asked, no answer applied.
  $scope.$on('$destroy', function () {
    closed = true;
    sequence++;
    clearTimeout(timer);
  });

  return {
    fresh: function () {
      const current = params();
      return current && answered.key === JSON.stringify(current) && asked === answered.key ? answered.answer : null;
    },
    refresh: function () {
      const current = params();
      if (current && !closed) { ask(current); }
    }
  };
}

/** Camunda's CSRF token of this browser session (cookie XSRF-TOKEN), for a write to Comitia's API. */
function csrfToken() {
  const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * The annex files of a draft (version 3), for « Corriger le projet » and « Valider le projet » :
 * { list, title, refusal, busy, join(input), remove(annex), url(annex) } on $scope.annexFiles. Joining
 * sends the chosen PDF and its title to POST /api/deliberations/{id}/annexes with the Tasklist session
 * and its CSRF token; the server checks everything (PDF, size, title, status) and its refusal is shown.
 */
function annexFiles($scope, $http, deliberationId, initial) {
  const url = base() + '/api/deliberations/' + encodeURIComponent(deliberationId) + '/annexes';
  const headers = { 'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': csrfToken() || '' };
  const files = {
    list: (initial || []).slice(),
    title: '',
    refusal: null,
    busy: false,
    url: function (annex) { return url + '/' + annex.id; },
    size: function (annex) {
      const kb = annex.size / 1024;
      return kb < 1024 ? Math.max(1, Math.round(kb)) + ' Ko' : (kb / 1024).toFixed(1).replace('.', ',') + ' Mo';
    },
    join: function (input) {
      const file = input && input.files && input.files[0];
      files.refusal = null;
      if (!file) { files.refusal = 'Choisissez le fichier PDF de l\'annexe.'; return; }
      const data = new FormData();
      data.append('file', file, file.name);
      data.append('title', files.title || '');
      files.busy = true;
      $http.post(url, data, { transformRequest: function (d) { return d; },
        headers: Object.assign({ 'Content-Type': undefined }, headers) })
        .then(function (response) {
          files.list.push(response.data);
          files.title = '';
          input.value = '';
        }, function (response) {
          files.refusal = (response.data && response.data.message)
            || 'Annexe refusée (HTTP ' + response.status + ').';
        })
        .finally(function () { files.busy = false; });
    },
    remove: function (annex) {
      files.refusal = null;
      $http.delete(url + '/' + annex.id, { headers: headers }).then(function () {
        files.list = files.list.filter(function (a) { return a.id !== annex.id; });
      }, function (response) {
        files.refusal = (response.data && response.data.message) || 'Retrait refusé (HTTP ' + response.status + ').';
      });
    }
  };
  $scope.annexFiles = files;
  return files;
}

function lines(text) {
  return (text || '').split(/\r?\n/).map(function (l) { return l.trim(); }).filter(function (l) { return l; });
}

function blank(text) {
  return !text || !String(text).trim();
}

/**
 * The draft editor of « Corriger le projet » (revise-draft.html) and of the start form « Délibération »
 * (start-deliberation.html): on submit, the draft in $scope.draft is checked for completeness, then
 * exactly the draft's variables are submitted; a refusal of the server is shown.
 * options.emptied: 'clear' sends an emptied optional text as '' so that it is cleared (a correction);
 *   otherwise it is not sent (a new draft).
 * options.faults(draft): the form's own faults, listed first (array of French sentences).
 * options.values(draft): the form's own variables, { name: [type, value] }, submitted with the draft's.
 */
function draftEditor(camForm, $scope, options) {
  const opts = options || {};
  const clear = opts.emptied === 'clear';

  function optional(text) {
    return blank(text) ? (clear ? '' : null) : String(text).trim();
  }

  function kept(articles) {
    return articles.filter(function (a) { return !blank(a.text) || !blank(a.verb); });
  }

  function faults(d) {
    const f = (opts.faults ? opts.faults(d) : []).slice();
    if (blank(d.object)) { f.push("L'objet de la délibération est obligatoire."); }
    const articles = kept(d.articles);
    if (!articles.length) { f.push('La délibération doit comporter au moins un article.'); }
    articles.forEach(function (a, i) {
      if (blank(a.text)) { f.push('Article ' + (i + 1) + ' : le texte est obligatoire.'); }
    });
    d.others.forEach(function (o, i) {
      if (blank(o.name) || blank(o.email)) {
        f.push('Destinataire ' + (i + 1) + ' : indiquez un nom et une adresse électronique.');
      }
    });
    return f;
  }

  camForm.on('submit', function (form) {
    const d = $scope.draft;
    const f = faults(d);
    if (f.length) {
      return refuse(form, $scope, 'Projet incomplet : ' + f.join(' '));
    }
    $scope.refusal = null;
    const partners = Object.keys(d.partnerIds).filter(function (id) { return d.partnerIds[id]; })
      .map(function (id) { return { partnerId: id }; })
      .concat(d.others.map(function (o) { return { name: o.name.trim(), email: o.email.trim() }; }));
    const values = opts.values ? Object.assign({}, opts.values(d)) : {};
    Object.assign(values, {
      object: ['String', d.object.trim()],
      rapporteurId: ['String', d.rapporteurId || (clear ? '' : null)],
      preamble: ['String', optional(d.preamble)],
      visas: ['Json', lines(d.visasText)],
      proposal: ['String', optional(d.proposal)],
      articles: ['Json', kept(d.articles)
        .map(function (a) { return { verb: blank(a.verb) ? null : a.verb.trim(), text: (a.text || '').trim() }; })],
      annexes: ['Json', lines(d.annexesText)],
      partners: ['Json', partners],
      note: ['String', optional(d.note)]
    });
    // The classification (version 2): sent only by the forms that offer it, so that an older form's
    // correction never clears a matière it did not show.
    if (Object.prototype.hasOwnProperty.call(d, 'nature')) {
      values.nature = ['String', blank(d.nature) ? null : String(d.nature)];
    }
    if (Object.prototype.hasOwnProperty.call(d, 'matiere')) {
      values.matiere = ['String', optional(d.matiere)];
    }
    only(camForm, values);
  });

  refusals(camForm, $scope);
}

window.ComitiaForm = Object.freeze({
  version: VERSION,
  base: base,
  only: only,
  refusals: refusals,
  refuse: refuse,
  watch: watch,
  lines: lines,
  blank: blank,
  draftEditor: draftEditor,
  annexFiles: annexFiles
});

// Tasklist's header: a link to the register's screen (direction, secretariat; the screen refuses the
// others in French), added once the logged-in user's menu exists and again if Tasklist redraws it.
(function registerLink() {
  function add() {
    var menu = document.querySelector('[cam-widget-header] ul[cam-if-logged-in]');
    if (!menu || menu.querySelector('li.comitia-register')) {
      return;
    }
    var item = document.createElement('li');
    item.className = 'comitia-register';
    var link = document.createElement('a');
    link.href = '/api/registre';
    link.textContent = 'Registre';
    link.title = 'Registre des délibérations et des séances';
    item.appendChild(link);
    menu.insertBefore(item, menu.firstChild);
  }
  new MutationObserver(add).observe(document.documentElement, { childList: true, subtree: true });
  add();
})();

// Tasklist speaks French (Camunda's page says lang="en"); the administrators alone see Camunda's
// end-of-life banner and the technical menu items (styles/user-styles.css hides them for the others).
(function roleView() {
  document.documentElement.lang = 'fr';
  function check() {
    var request = new XMLHttpRequest();
    request.open('GET', '/camunda/api/admin/auth/user/default');
    request.onload = function () {
      var admin = false;
      try {
        admin = request.status === 200 && (JSON.parse(request.responseText).authorizedApps || []).indexOf('admin') >= 0;
      } catch (e) {
        admin = false;
      }
      document.documentElement.classList.toggle('comitia-admin', admin);
    };
    request.send();
  }
  check();
  // Logging in happens without a page load: check again each time the logged-in user's menu is drawn
  // (the register link above is added to each new one).
  new MutationObserver(function () {
    var link = document.querySelector('li.comitia-register:not([data-role-checked])');
    if (link) {
      link.setAttribute('data-role-checked', 'true');
      check();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
