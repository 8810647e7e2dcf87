"""The demo's legal pages: legal notice, terms of sale (CGV) and privacy policy.

Written for a French consumer cooperative that sells the food and goods of ESS producers
online, alone or in buying groups, with pickup points and home delivery. The articles
cited are those of the Code de la consommation, the Code civil, the Code de commerce,
the GDPR and the loi Informatique et Libertés as in force in 2026. What only the
cooperative can say (its identity, host, mediator, contacts, delays) is left as a
placeholder, **[À COMPLÉTER : …]**, announced at the top of each page in a warning box:
staff fill them in the Wagtail admin before opening the shop to the public.
"""

from typing import Any

from cms.demo_content import callout, heading, paragraph

#: The version of the demo texts (staff change it when they change the substance).
DEMO_VERSION = "2026-12"


def todo(what: str) -> str:
    """A placeholder staff must replace, visible as such on the page."""
    return f"<b>[À COMPLÉTER : {what}]</b>"


def to_complete(*items: str) -> dict[str, Any]:
    return callout(
        "À compléter par l'équipe avant la mise en ligne",
        "<p>Cette page est un modèle rédigé pour Panier Commun. Les passages entre "
        "crochets, en gras, doivent être remplacés par les informations réelles de la "
        "coopérative :</p><ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>",
        kind="warning",
    )


COOKIES_BLOCK: dict[str, Any] = {"type": "cookies", "value": None}

LEGAL_NOTICE: dict[str, Any] = {
    "kind": "legal_notice",
    "slug": "mentions-legales",
    "title": "Mentions légales",
    "intro": (
        "Qui édite ce site, qui l'héberge et qui en répond, comme le demande la loi pour "
        "la confiance dans l'économie numérique."
    ),
    "body": [
        to_complete(
            "la forme juridique, le siège, le capital et les immatriculations de la coopérative ;",
            "la directrice ou le directeur de la publication ;",
            "l'hébergeur du site (nom, adresse, téléphone).",
        ),
        heading("Éditeur du site"),
        paragraph(
            "<p>Le site Panier Commun est édité par <b>Panier Commun</b>, "
            + todo(
                "forme juridique, p. ex. « société coopérative de consommateurs (loi du "
                "7 mai 1917) à capital variable » ou « SCIC SAS à capital variable »"
            )
            + ".</p><ul>"
            f"<li>Siège social : {todo('adresse postale complète')}</li>"
            f"<li>Immatriculation : RCS {todo('ville')} {todo('numéro')} — "
            f"SIRET {todo('14 chiffres')}</li>"
            f"<li>Numéro de TVA intracommunautaire : {todo('FR + 11 caractères')}</li>"
            f"<li>Capital : variable, {todo('capital minimum statutaire')}</li>"
            f"<li>Courriel : {todo('adresse de contact')} — Téléphone : "
            f"{todo('numéro, prix d’un appel local')}</li>"
            "</ul>"
        ),
        heading("Direction de la publication"),
        paragraph(
            "<p>Directrice ou directeur de la publication : "
            + todo("prénom, nom et qualité, p. ex. présidente de la coopérative")
            + ".</p>"
        ),
        heading("Hébergement"),
        paragraph(
            "<p>Le site est hébergé par "
            + todo("raison sociale de l'hébergeur, adresse, numéro de téléphone")
            + ". Les données sont stockées dans l'Union européenne "
            + todo("à vérifier selon le contrat d'hébergement")
            + ".</p>"
        ),
        heading("Propriété intellectuelle"),
        paragraph(
            "<p>Les textes, la charte de la coopérative et la présentation du site "
            "appartiennent à Panier Commun ; les descriptions et les photographies des "
            "produits, à leurs producteurs. Toute reproduction hors d'un usage privé "
            "demande leur accord. Les contributions des membres (publications, avis) "
            "restent les leurs : en les publiant, ils autorisent la coopérative à les "
            "afficher sur le site.</p>"
            "<p>Les distances entre un code postal et les producteurs sont calculées à "
            "partir de la Base Adresse Nationale (licence ouverte), du découpage "
            "administratif d'Etalab et des données GeoNames (CC BY 4.0).</p>"
        ),
        heading("Vente, litiges et données personnelles"),
        paragraph(
            "<p>Les ventes sont régies par nos <b>conditions générales de vente</b>, qui "
            "indiquent aussi comment adresser une réclamation et saisir le médiateur de "
            "la consommation. Le traitement de vos données personnelles et les cookies "
            "du site sont décrits dans notre <b>politique de confidentialité</b>. Les "
            "deux sont accessibles en bas de chaque page.</p>"
        ),
    ],
}

TERMS_OF_SALE: dict[str, Any] = {
    "kind": "terms_of_sale",
    "slug": "conditions-generales-de-vente",
    "title": "Conditions générales de vente",
    "intro": (
        "Les règles qui s'appliquent à vos achats sur Panier Commun, seul ou en "
        "groupement d'achat : commande, prix, paiement, retrait et livraison, "
        "rétractation, garanties, réclamations et médiation."
    ),
    "body": [
        to_complete(
            "les délais et les zones de livraison à domicile et ses frais ;",
            "le délai de conservation des commandes non retirées ;",
            "les moyens de paiement acceptés aux points de retrait ;",
            "les coordonnées du service client et du médiateur de la consommation.",
        ),
        heading("1. Objet et acceptation"),
        paragraph(
            "<p>Les présentes conditions générales de vente (CGV) régissent les ventes "
            "conclues sur le site Panier Commun entre la coopérative Panier Commun, "
            "identifiée dans les mentions légales, et toute personne physique agissant "
            "à des fins qui n'entrent pas dans le cadre de son activité commerciale, "
            "industrielle, artisanale, libérale ou agricole (le « client »).</p>"
            "<p>Panier Commun vend des produits alimentaires et des biens du quotidien "
            "fabriqués par des structures de l'économie sociale et solidaire "
            "(associations, coopératives, entreprises agréées ESUS, fermes en circuit "
            "court). Les achats se font seul, par le panier, ou à plusieurs, par les "
            "<b>commandes groupées</b> d'un groupement d'achat.</p>"
            "<p>Le client accepte les CGV en cochant la case prévue avant de passer "
            "commande ou de s'engager dans une commande groupée. La <b>version</b> "
            "acceptée, indiquée en haut de cette page, est enregistrée avec la commande "
            "et reste celle qui s'applique à cette commande, même si les CGV changent "
            "ensuite.</p>"
        ),
        heading("2. Produits et informations"),
        paragraph(
            "<p>Chaque fiche produit présente ses caractéristiques essentielles, son "
            "prix, son producteur et son profil d'impact (forme juridique, "
            "certifications, part du prix qui revient au producteur lorsqu'elle est "
            "déclarée). Les affirmations des producteurs y sont signalées selon leur "
            "statut : déclarées, validées par la communauté, certifiées par un tiers ou "
            "contestées. Les photographies sont aussi fidèles que possible mais n'ont "
            "pas de valeur contractuelle.</p>"
            "<p>Pour les denrées alimentaires, la liste des ingrédients, les allergènes, "
            "l'origine et les conditions de conservation figurent sur la fiche produit "
            "ou sur l'étiquette ; le service client répond à toute question avant "
            "l'achat.</p>"
        ),
        heading("3. Prix"),
        paragraph(
            "<p>Les prix sont indiqués en euros, <b>toutes taxes comprises</b> (TVA à "
            "5,5 % pour l'alimentation, 20 % pour les autres produits). Les frais de "
            "livraison à domicile éventuels sont indiqués avant la validation de la "
            "commande ; le retrait en point de retrait est gratuit.</p>"
            "<p>Dans une commande groupée, le prix unitaire peut baisser par paliers "
            "selon les quantités atteintes par le groupe. Il ne dépasse jamais le prix "
            "affiché au moment de l'engagement : le client paie le prix du palier "
            "atteint à la clôture.</p>"
        ),
        heading("4. Commande"),
        paragraph(
            "<p>Une commande passe par les étapes suivantes : composition du panier, "
            "choix d'un point de retrait et d'un créneau ou de la livraison à domicile, "
            "choix du moyen de paiement, récapitulatif de la commande, acceptation des "
            "CGV puis validation, qui vaut <b>commande avec obligation de "
            "paiement</b>. Jusqu'à la validation, le client peut revenir à chaque "
            "étape pour corriger sa commande.</p>"
            "<p>La commande est confirmée par un courriel récapitulatif, qui reprend "
            "son contenu, son prix, son mode de retrait ou de livraison et son moyen de "
            "paiement ; elle apparaît dans l'historique de « Mon compte ». Si un "
            "produit vient à manquer au moment de la validation, aucune commande n'est "
            "passée et le panier est ajusté, avec un message qui le dit.</p>"
        ),
        heading("5. Commandes groupées"),
        paragraph(
            "<p>Les membres d'un groupement d'achat s'engagent sur des quantités de "
            "chaque produit jusqu'à la date de clôture annoncée ; ils peuvent ajouter "
            "une <b>tolérance</b>, c'est-à-dire accepter quelques unités de plus pour "
            "compléter un carton. Jusqu'à la clôture, un engagement peut être modifié ou "
            "annulé librement.</p>"
            "<p>À la clôture, les quantités sont arrondies aux cartons complets que le "
            "producteur livrera, dans les limites du minimum et du maximum annoncés, et "
            "réparties entre les membres dans l'ordre de leurs engagements. Quand le "
            "groupe confirme la commande aux producteurs, chaque membre reçoit une "
            "commande à son nom pour les quantités qui lui sont attribuées : <b>le "
            "contrat de vente est formé pour ces quantités</b>, au prix du palier "
            "atteint. Les quantités qui n'ont pas pu être servies ne sont ni commandées "
            "ni payées.</p>"
        ),
        heading("6. Paiement"),
        paragraph(
            "<p>Le client choisit l'un des moyens suivants :</p><ul>"
            "<li><b>Carte bancaire</b>, par notre prestataire de paiement Stripe : les "
            "données de la carte sont saisies chez lui et la coopérative ne les "
            "conserve jamais. Pour une commande du panier, la carte est débitée à la "
            "validation ; pour une commande groupée, elle est autorisée lors de "
            "l'engagement puis débitée à la confirmation, du seul montant des "
            "quantités attribuées.</li>"
            "<li><b>Paiement au retrait</b>, au point de retrait, par "
            + todo("moyens acceptés : espèces, chèque, carte…")
            + ".</li>"
            "<li><b>Virement bancaire</b>, avec la référence de commande indiquée. La "
            "commande est préparée à réception du virement ; sans paiement reçu sous "
            + todo("nombre")
            + " jours, elle peut être annulée.</li>"
            "</ul><p>Les produits restent la propriété de la coopérative jusqu'au "
            "paiement complet.</p>"
        ),
        heading("7. Retrait et livraison"),
        paragraph(
            "<h3>Points de retrait</h3>"
            "<p>Le client choisit un point de retrait et un créneau parmi ceux proposés "
            "(pour une commande groupée : le point et la date annoncés par le "
            "groupement). Il retire sa commande pendant ce créneau, en indiquant son nom "
            "ou son numéro de commande. Une commande non retirée est conservée "
            + todo("durée, p. ex. jusqu'au créneau suivant")
            + " dans la limite de la date de consommation des produits ; les produits "
            "frais qui ne peuvent plus attendre sont donnés à une association d'aide "
            "alimentaire plutôt que jetés. Leur prix reste dû, sauf si le retard est "
            "de notre fait.</p>"
            "<h3>Livraison à domicile</h3>"
            "<p>Là où elle est proposée ("
            + todo("communes ou codes postaux desservis")
            + "), la livraison a lieu à l'adresse indiquée, à la date annoncée lors de "
            "la commande, ou à défaut dans un délai de 30 jours au plus (articles "
            "L216-1 et suivants du Code de la consommation). Si la livraison n'a pas "
            "lieu à temps, le client peut nous enjoindre de livrer dans un délai "
            "supplémentaire raisonnable puis, à défaut, résoudre le contrat et être "
            "remboursé.</p>"
            "<p>Les risques de perte ou d'endommagement passent au client lorsqu'il "
            "prend physiquement possession des produits (article L216-4). Nous vous "
            "invitons à vérifier votre commande au retrait ou à la livraison et à nous "
            "signaler tout produit manquant ou abîmé le plus tôt possible : cela ne "
            "réduit en rien vos garanties légales.</p>"
        ),
        heading("8. Droit de rétractation"),
        paragraph(
            "<p>Conformément à l'article <b>L221-18</b> du Code de la consommation, le "
            "client dispose d'un délai de <b>14 jours</b> à compter de la réception des "
            "produits pour se rétracter, sans avoir à donner de motif ni à payer "
            "d'autres frais que ceux du retour. Pour une commande livrée en plusieurs "
            "fois, le délai court à compter de la réception du dernier produit.</p>"
            "<h3>Exceptions : les denrées périssables</h3>"
            "<p>Selon l'article <b>L221-28</b> du Code de la consommation, le droit de "
            "rétractation <b>ne s'applique pas</b> :</p><ul>"
            "<li>aux biens susceptibles de se détériorer ou de se périmer rapidement : "
            "fruits et légumes frais, pain, produits laitiers et fromages, œufs, "
            "viandes, poissons, plats préparés et toute denrée à date limite de "
            "consommation courte ;</li>"
            "<li>aux biens descellés par le client après la livraison, qui ne peuvent "
            "être renvoyés pour des raisons d'hygiène ou de protection de la santé "
            "(par exemple un pot ou un cosmétique ouvert) ;</li>"
            "<li>aux biens confectionnés selon les spécifications du client ou "
            "nettement personnalisés.</li>"
            "</ul><p>Les produits d'épicerie sèche non ouverts (huile, miel, légumes "
            "secs, conserves…) et les produits non alimentaires restent couverts par "
            "le droit de rétractation.</p>"
            "<h3>Comment se rétracter</h3>"
            "<p>Le client nous informe de sa décision avant la fin du délai, par une "
            "déclaration dénuée d'ambiguïté envoyée à "
            + todo("adresse électronique et adresse postale du service client")
            + ", ou au moyen du formulaire ci-dessous. Il rapporte les produits à son "
            "point de retrait, sans frais, ou les renvoie à ses frais au plus tard 14 "
            "jours après nous avoir informés (article L221-23).</p>"
            "<p>Nous remboursons toutes les sommes versées, y compris les frais de "
            "livraison initiaux, au plus tard 14 jours après avoir été informés de la "
            "décision, par le moyen de paiement utilisé pour la commande (article "
            "L221-24). Nous pouvons différer le remboursement jusqu'à la récupération "
            "des produits ou jusqu'à la preuve de leur expédition.</p>"
        ),
        callout(
            "Modèle de formulaire de rétractation",
            "<p>(Veuillez compléter et renvoyer le présent formulaire uniquement si "
            "vous souhaitez vous rétracter du contrat.)</p>"
            f"<p>À l'attention de Panier Commun, {todo('adresse postale et courriel')} "
            ":</p><p>Je vous notifie par la présente ma rétractation du contrat "
            "portant sur la vente du bien ci-dessous :</p><ul>"
            "<li>Commandé le / reçu le :</li><li>Numéro de commande :</li>"
            "<li>Nom du consommateur :</li><li>Adresse du consommateur :</li>"
            "<li>Signature du consommateur (uniquement en cas de notification du "
            "présent formulaire sur papier) :</li><li>Date :</li></ul>",
        ),
        heading("9. Garanties légales"),
        paragraph(
            "<p>Tous les produits bénéficient de la <b>garantie légale de "
            "conformité</b> (articles L217-3 et suivants du Code de la consommation) : "
            "le client dispose de deux ans à compter de la délivrance du bien pour "
            "obtenir sa mise en conformité, son remplacement ou, à défaut, une "
            "réduction du prix ou le remboursement, sans frais. Ils bénéficient aussi "
            "de la <b>garantie des vices cachés</b> (articles 1641 à 1649 du Code "
            "civil), à exercer dans les deux ans de la découverte du vice.</p>"
            "<p>Pour un produit frais abîmé ou non conforme, signalez-le-nous dès que "
            "possible, si vous le pouvez avec une photo : nous le remplaçons ou le "
            "remboursons.</p>"
        ),
        heading("10. Réclamations"),
        paragraph(
            "<p>Pour toute question ou réclamation, le service client répond à "
            + todo("adresse électronique")
            + ", par téléphone au "
            + todo("numéro, prix d’un appel local")
            + " ou par courrier à "
            + todo("adresse postale")
            + ". Nous répondons sur le fond dans un délai de "
            + todo("nombre")
            + " jours.</p>"
        ),
        heading("11. Médiation de la consommation"),
        paragraph(
            "<p>Conformément à l'article <b>L612-1</b> du Code de la consommation, le "
            "client peut recourir gratuitement au médiateur de la consommation dont "
            "relève Panier Commun, en vue de la résolution amiable d'un litige qui "
            "nous opposerait :</p><p>"
            + todo(
                "nom du médiateur de la consommation référencé auprès de la CECMC, "
                "adresse postale et site internet où le saisir"
            )
            + "</p><p>Le médiateur ne peut être saisi qu'après une réclamation écrite "
            "adressée à notre service client restée sans réponse satisfaisante, et au "
            "plus tard un an après cette réclamation (article L612-2). Le client reste "
            "libre d'accepter ou de refuser la solution proposée.</p>"
        ),
        heading("12. Données personnelles"),
        paragraph(
            "<p>Les données nécessaires aux commandes sont traitées comme l'explique "
            "notre <b>politique de confidentialité</b>, accessible en bas de chaque "
            "page.</p>"
        ),
        heading("13. Droit applicable"),
        paragraph(
            "<p>Les présentes CGV sont soumises au droit français. À défaut de "
            "résolution amiable, le litige est porté devant la juridiction compétente ; "
            "le client peut saisir, à son choix, outre l'une des juridictions "
            "territorialement compétentes selon le Code de procédure civile, la "
            "juridiction du lieu où il demeurait au moment de la conclusion du contrat "
            "ou de la survenance du fait dommageable (article R631-3 du Code de la "
            "consommation).</p>"
        ),
    ],
}

PRIVACY: dict[str, Any] = {
    "kind": "privacy",
    "slug": "confidentialite",
    "title": "Politique de confidentialité",
    "intro": (
        "Quelles données la coopérative conserve, pourquoi, combien de temps, à qui "
        "elles sont transmises, et comment exercer vos droits. Et les cookies : "
        "uniquement ceux qui sont strictement nécessaires."
    ),
    "body": [
        to_complete(
            "les coordonnées du responsable du traitement et de la personne à "
            "contacter pour vos données ;",
            "l'hébergeur et le service d'envoi des courriels ;",
            "le fond de carte, si le site en affiche un venant d'un serveur tiers.",
        ),
        heading("Qui est responsable de vos données"),
        paragraph(
            "<p>La coopérative <b>Panier Commun</b>, identifiée dans les mentions "
            "légales, est responsable des traitements décrits ici. Pour toute question "
            "sur vos données ou pour exercer vos droits, écrivez à "
            + todo("adresse électronique dédiée, p. ex. donnees@…")
            + " ou à "
            + todo("adresse postale")
            + ". Référente ou référent données personnelles : "
            + todo("nom, ou délégué à la protection des données s'il en est désigné un")
            + ".</p>"
        ),
        heading("Ce que nous conservons, et pourquoi"),
        paragraph(
            "<ul>"
            "<li><b>Votre compte</b> : adresse électronique, nom, prénom, mot de passe "
            "(jamais en clair : seulement son empreinte, par hachage), langue choisie. Pour "
            "vous identifier et gérer votre compte : <i>exécution du contrat</i>.</li>"
            "<li><b>Vos commandes</b> : produits, quantités, prix, point et créneau de "
            "retrait ou adresse et téléphone de livraison, moyen de paiement, "
            "<b>version des conditions générales de vente acceptée</b> et date "
            "d'acceptation. Pour préparer, remettre et facturer vos commandes : "
            "<i>exécution du contrat</i> ; pour la comptabilité et la preuve du "
            "contrat : <i>obligation légale</i>.</li>"
            "<li><b>Vos paiements</b> : montant, état, référence du virement ou "
            "identifiant du paiement chez Stripe. Le numéro de votre carte est saisi "
            "chez Stripe : la coopérative ne le voit ni ne le conserve jamais.</li>"
            "<li><b>Vos groupements d'achat</b> : adhésion, rôle, engagements et "
            "tolérances, quantités attribuées. Pour organiser les commandes groupées : "
            "<i>exécution du contrat</i>.</li>"
            "<li><b>Votre participation à la communauté</b> : publications, "
            "commentaires, réactions, avis sur les produits et les producteurs, besoins "
            "et votes, collège de parties prenantes, avis sur les affirmations des "
            "producteurs. Pour faire vivre la garantie participative et la communauté : "
            "<i>exécution des conditions d'utilisation</i> ; pour la modération : "
            "<i>intérêt légitime</i> de la coopérative.</li>"
            "<li><b>Les journaux techniques</b> : adresse IP, pages demandées, "
            "tentatives de connexion. Pour la sécurité du site et la limitation des "
            "abus : <i>intérêt légitime</i>.</li>"
            "<li><b>Les courriels que nous vous envoyons</b> (confirmation de commande, "
            "rappels de commande groupée, vérification de l'adresse) : "
            "<i>exécution du contrat</i>. Nous n'envoyons aucune lettre d'information "
            "ni publicité.</li>"
            "</ul>"
        ),
        heading("Combien de temps"),
        paragraph(
            "<ul>"
            "<li><b>Compte</b> : tant qu'il est ouvert, et au plus "
            + todo("durée d'inactivité, p. ex. trois ans sans connexion ni commande")
            + " sans activité, après un courriel de prévenance.</li>"
            "<li><b>Commandes, factures, paiements et acceptation des CGV</b> : "
            "<b>10 ans</b> à compter de la commande, durée de conservation des "
            "documents comptables (article L123-22 du Code de commerce) et des contrats "
            "conclus en ligne d'au moins 120 € (articles L213-1 et D213-2 du Code de la "
            "consommation). Passé le temps de la relation, ces données sont archivées "
            "à part et consultées seulement en cas de contrôle ou de litige.</li>"
            "<li><b>Engagements en commande groupée</b> : avec la commande groupée, "
            "puis comme les commandes qui en résultent.</li>"
            "<li><b>Contributions à la communauté</b> : tant que votre compte existe ; "
            "à sa suppression, elles sont supprimées ou rendues anonymes.</li>"
            "<li><b>Journaux techniques</b> : "
            + todo("durée, au plus 12 mois selon la CNIL")
            + ".</li>"
            "</ul>"
        ),
        heading("Qui peut y accéder"),
        paragraph(
            "<ul>"
            "<li>Les salariés et bénévoles habilités de la coopérative, pour leur "
            "mission seulement.</li>"
            "<li>Les <b>producteurs</b> : les lignes de commande de leurs produits, avec "
            "votre nom et le point de retrait, pour préparer les commandes.</li>"
            "<li>Les <b>coordinatrices et coordinateurs</b> de votre groupement : la "
            "liste de retrait (noms, quantités, état du paiement).</li>"
            "<li>Notre prestataire de paiement <b>Stripe</b> (Stripe Payments Europe, "
            "Irlande), pour les paiements par carte. Un éventuel transfert hors de "
            "l'Union européenne est encadré par les garanties prévues par le RGPD "
            + todo("à vérifier selon le contrat Stripe en vigueur")
            + ".</li>"
            "<li>Notre hébergeur "
            + todo("nom")
            + " et notre service d'envoi de courriels "
            + todo("nom")
            + ", qui agissent sur nos instructions.</li>"
            "</ul><p>Vos données ne sont jamais vendues ni louées.</p>"
        ),
        heading("Vos droits"),
        paragraph(
            "<p>Vous disposez des droits d'accès, de rectification, d'effacement, de "
            "limitation, d'opposition et de portabilité de vos données (articles 15 à "
            "21 du RGPD), ainsi que du droit de définir des directives sur leur sort "
            "après votre décès (article 85 de la loi Informatique et Libertés).</p>"
            "<p>Depuis la page <b>« Mon compte » → « Mes données personnelles »</b>, "
            "vous pouvez <b>télécharger vos données</b> (droits d'accès et à la "
            "portabilité) : un fichier ZIP avec un fichier JSON de l'ensemble et un "
            "fichier CSV par type de données (profil, adresses, commandes, engagements "
            "dans les commandes groupées, publications, commentaires, avis, besoins, "
            "collèges…).</p>"
            "<p>Vous pouvez aussi <b>supprimer votre compte</b> (droit à l'effacement), "
            "après avoir confirmé votre mot de passe. Vos commandes sont conservées dix "
            "ans pour la comptabilité (article L123-22 du Code de commerce), détachées "
            "de tout compte, avec seulement le nom et l'adresse e-mail de facturation ; "
            "vos publications, commentaires, besoins et avis restent visibles, signés "
            "« Ancien membre » ; tout le reste est supprimé (nom, adresses, mot de "
            "passe, paniers, adhésions, carte bancaire enregistrée, sessions). Une "
            "commande en attente de paiement ou un engagement dans une commande groupée "
            "ouverte doit d'abord être réglé ou annulé.</p>"
            "<p>Vous pouvez aussi nous écrire à l'adresse ci-dessus : l'équipe fait "
            "l'export ou la suppression pour vous, et chaque demande est inscrite dans "
            "un journal. Nous répondons dans un délai d'un mois.</p>"
            "<p>Si vous estimez que vos droits ne sont pas respectés, vous pouvez "
            "introduire une réclamation auprès de la <b>CNIL</b> (www.cnil.fr, 3 place "
            "de Fontenoy, TSA 80715, 75334 Paris Cedex 07).</p>"
        ),
        heading("Cookies"),
        paragraph(
            "<p>Le site ne dépose <b>que des cookies strictement nécessaires</b> au "
            "service que vous demandez : rester connecté, protéger les formulaires, "
            "garder votre panier, retenir la langue choisie. La loi les dispense de "
            "consentement (article 82 de la loi Informatique et Libertés) : c'est "
            "pourquoi le site n'affiche pas de bandeau. Il n'utilise ni mesure "
            "d'audience, ni publicité, ni bouton de réseau social, ni police ou script "
            "venant d'un autre site.</p>"
        ),
        COOKIES_BLOCK,
        paragraph(
            "<p>Seule exception, lors d'un <b>paiement par carte</b> : la page de "
            "paiement charge le module de Stripe, qui peut déposer ses propres cookies "
            "de prévention de la fraude, nécessaires à la sécurité du paiement que vous "
            "avez demandé. "
            + todo(
                "si le site affiche un fond de carte venant d'un serveur tiers (réglage "
                "MAP_TILE_URL), le nommer ici"
            )
            + "</p>"
        ),
    ],
}

LEGAL_PAGES: tuple[dict[str, Any], ...] = (LEGAL_NOTICE, TERMS_OF_SALE, PRIVACY)
